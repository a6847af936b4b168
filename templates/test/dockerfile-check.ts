/**
 * A static check of a generated Dockerfile, on the instruction tree of `dockerfile-ast` (the parser of the
 * VS Code Docker language server): no engine can build images here, so what can be proven without one is proven
 * on the file. Rules: every base image pinned by a tag that is not `latest` AND a sha256 digest; the final stage
 * runs as a numeric, non-root USER; no ENV or ARG carries a secret; every COPY source exists (in the build context,
 * or as an earlier stage that writes it).
 */
import { DockerfileParser, type Instruction } from 'dockerfile-ast';

export interface DockerfileProblem {
  /** 1-based line. */
  line: number;
  rule: 'base-image-pinned' | 'non-root-user' | 'no-secrets' | 'copy-source-exists';
  message: string;
}

const SECRET_NAME = /(SECRET|PASSW(OR)?D|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL|AUTH_DEV)/i;
const SECRET_VALUE =
  /(:\/\/[^/\s:@]+:[^@\s]+@|-----BEGIN [A-Z ]*PRIVATE KEY-----|\bgh[pousr]_[A-Za-z0-9]{20,}|\bAKIA[0-9A-Z]{16}\b)/;

const lineOf = (i: Instruction) => i.getRange().start.line + 1;

/** `${NAME}` / `$NAME` replaced by the ARG defaults declared before the first FROM. */
function expand(text: string, args: Map<string, string>): string {
  return text.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, a: string, b: string) => args.get(a ?? b) ?? whole);
}

/**
 * @param text the Dockerfile
 * @param exists whether a path exists in the build context (relative to the context root)
 */
export function checkDockerfile(text: string, exists: (contextPath: string) => boolean): DockerfileProblem[] {
  const file = DockerfileParser.parse(text);
  const lines = text.split('\n');
  const problems: DockerfileProblem[] = [];
  const add = (i: Instruction, rule: DockerfileProblem['rule'], message: string) =>
    problems.push({ line: lineOf(i), rule, message });

  const globalArgs = new Map<string, string>();
  for (const arg of file.getInitialARGs()) {
    const property = arg.getProperty();
    const value = property?.getValue();
    if (property && value) globalArgs.set(property.getName(), value);
  }

  // Stages, each with the absolute paths its RUN lines mention (what a later COPY --from may take).
  const stages = new Map<string, string>();
  const froms = file.getFROMs();
  froms.forEach((from, n) => {
    const image = expand(from.getArgumentsContent()?.split(/\s+/)[0] ?? '', globalArgs);
    const stageName = from.getBuildStage();
    const base = image.split('@')[0];
    if (!stages.has(base)) {
      const tag = /:([^/:]+)$/.exec(base)?.[1];
      if (!tag || tag === 'latest')
        add(from, 'base-image-pinned', `FROM ${image}: name a version tag, not latest`);
      if (!/@sha256:[0-9a-f]{64}$/.test(image))
        add(from, 'base-image-pinned', `FROM ${image}: pin the base image by its sha256 digest`);
    }
    const body = file
      .getInstructions()
      .filter((i) => lineOf(i) > lineOf(from) && (n + 1 >= froms.length || lineOf(i) < lineOf(froms[n + 1])));
    const parent = stages.get(base) ?? '';
    if (stageName)
      stages.set(stageName, parent + '\n' + body.map((i) => i.getArgumentsContent() ?? '').join('\n'));
  });

  const last = froms[froms.length - 1];
  const finalStage = file.getInstructions().filter((i) => last && lineOf(i) > lineOf(last));
  const users = finalStage.filter((i) => i.getKeyword() === 'USER');
  const user = users[users.length - 1];
  if (!user) {
    if (last) add(last, 'non-root-user', 'the final stage has no USER: the container would run as root');
  } else {
    const [uid, gid] = (user.getArgumentsContent() ?? '').trim().split(':');
    if (!/^\d+$/.test(uid) || Number(uid) === 0 || (gid !== undefined && !/^\d+$/.test(gid)))
      add(user, 'non-root-user', `USER ${user.getArgumentsContent()}: use a numeric, non-zero uid (and gid)`);
  }

  for (const i of file.getInstructions()) {
    const keyword = i.getKeyword();
    if (keyword === 'ARG' || keyword === 'ENV') {
      const content = i.getArgumentsContent() ?? '';
      const pairs = content.match(/(\w+)(=("[^"]*"|\S*))?/g) ?? [];
      for (const pair of keyword === 'ENV' && !content.includes('=') ? [content.split(/\s+/)[0]] : pairs) {
        const name = pair.split('=')[0];
        if (SECRET_NAME.test(name))
          add(i, 'no-secrets', `${keyword} ${name}: pass secrets at run time, never in the image`);
      }
      if (SECRET_VALUE.test(content)) add(i, 'no-secrets', `${keyword} carries a credential in its value`);
    }
    if (keyword === 'COPY' || keyword === 'ADD') {
      const args = (i.getArguments() ?? []).map((a) => a.getValue()).filter((a) => !a.startsWith('--'));
      const from = /--from=(\S+)/.exec(lines[lineOf(i) - 1] ?? '')?.[1];
      for (const source of args.slice(0, -1)) {
        if (from !== undefined) {
          const stage = stages.get(from);
          const root = source.replace(/\/+$/, '');
          if (stage === undefined)
            add(i, 'copy-source-exists', `COPY --from=${from}: no earlier stage is named ${from}`);
          else if (!stage.includes(root))
            add(i, 'copy-source-exists', `COPY --from=${from} ${source}: stage ${from} never writes ${root}`);
        } else if (!exists(source)) {
          add(i, 'copy-source-exists', `COPY ${source}: not in the build context`);
        }
      }
    }
  }
  return problems;
}
