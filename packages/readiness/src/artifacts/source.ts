import ts from 'typescript';

/**
 * What the readiness gates need to know about a service's own TypeScript: its mutation routes and what runs
 * inside their tenant transactions, console calls, imports and string literals. Read with the TypeScript
 * compiler's parser (syntax only, no type checking), so comments and strings never count as calls.
 */
export interface MutationRoute {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  file: string;
  line: number;
  /** `<tx>.outbox.add(...)` calls inside a transaction callback (withTenant / transaction / tx). */
  outboxInTx: number;
  /** `.outbox.add(...)` calls in the handler outside any transaction callback. */
  outboxOutsideTx: number;
  auditInTx: number;
  auditOutsideTx: number;
}

export interface SourceFacts {
  file: string;
  routes: MutationRoute[];
  /** `console.log(...)` and friends, with their lines. */
  consoleCalls: { method: string; line: number }[];
  imports: { module: string; line: number }[];
  strings: { text: string; line: number }[];
}

const METHODS = new Map([
  ['post', 'POST'],
  ['put', 'PUT'],
  ['patch', 'PATCH'],
  ['delete', 'DELETE'],
] as const);
const TX_OPENERS = /^(withTenant|transaction|tx|withTransaction|maintenanceTx)$/;

export function scanSource(file: string, text: string): SourceFacts {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const lineOf = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const functions = new Map<string, ts.Node>();
  const routes: MutationRoute[] = [];
  const consoleCalls: SourceFacts['consoleCalls'] = [];
  const imports: SourceFacts['imports'] = [];
  const strings: SourceFacts['strings'] = [];

  const collect = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) && node.name) functions.set(node.name.text, node);
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
    ) {
      functions.set(node.name.text, node.initializer);
    }
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      imports.push({ module: node.moduleSpecifier.text, line: lineOf(node) });
    }
    if (ts.isCallExpression(node)) {
      if (
        node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        isIdentifierNamed(node.expression, 'require')
      ) {
        const arg = node.arguments[0];
        if (arg && ts.isStringLiteral(arg)) imports.push({ module: arg.text, line: lineOf(node) });
      }
      const callee = node.expression;
      if (ts.isPropertyAccessExpression(callee) && isIdentifierNamed(callee.expression, 'console')) {
        consoleCalls.push({ method: callee.name.text, line: lineOf(node) });
      }
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      strings.push({ text: node.text, line: lineOf(node) });
    }
    ts.forEachChild(node, collect);
  };
  collect(sf);

  const findRoutes = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const route = routeOf(node);
      if (route) {
        const counts = { outboxInTx: 0, outboxOutsideTx: 0, auditInTx: 0, auditOutsideTx: 0 };
        countEffects(route.handler, false, counts, functions, new Set());
        routes.push({ method: route.method, path: route.path, file, line: lineOf(node), ...counts });
      }
    }
    ts.forEachChild(node, findRoutes);
  };
  findRoutes(sf);
  return { file, routes, consoleCalls, imports, strings };
}

function isIdentifierNamed(node: ts.Node, name: string): boolean {
  return ts.isIdentifier(node) && node.text === name;
}

function isFunctionLike(node: ts.Node): node is ts.ArrowFunction | ts.FunctionExpression {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node);
}

/** `x.post(path, [opts], handler)` or `x.route({ method, url, handler })`. */
function routeOf(
  node: ts.CallExpression,
): { method: MutationRoute['method']; path: string; handler: ts.Node } | undefined {
  const callee = node.expression;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const name = callee.name.text;
  const method = METHODS.get(name as 'post');
  if (method) {
    const handler = node.arguments[node.arguments.length - 1];
    if (!handler || !isFunctionLike(handler) || node.arguments.length < 2) return undefined;
    return { method, path: pathText(node.arguments[0]), handler };
  }
  if (name === 'route' && node.arguments.length === 1 && ts.isObjectLiteralExpression(node.arguments[0])) {
    const props = new Map<string, ts.Expression>();
    for (const p of node.arguments[0].properties) {
      if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)))
        props.set(p.name.text, p.initializer);
      if (ts.isMethodDeclaration(p) && ts.isIdentifier(p.name) && p.name.text === 'handler')
        props.set('handler', p as never);
    }
    const m = props.get('method');
    const verb = m && ts.isStringLiteral(m) ? METHODS.get(m.text.toLowerCase() as 'post') : undefined;
    const handler = props.get('handler');
    if (!verb || !handler) return undefined;
    return { method: verb, path: pathText(props.get('url') ?? props.get('path')), handler };
  }
  return undefined;
}

function pathText(node: ts.Node | undefined): string {
  if (!node) return '?';
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return node.getText();
}

/** Counts outbox/audit calls under `node`, following calls to functions declared in the same file once. */
function countEffects(
  node: ts.Node,
  inTx: boolean,
  counts: Pick<MutationRoute, 'outboxInTx' | 'outboxOutsideTx' | 'auditInTx' | 'auditOutsideTx'>,
  functions: Map<string, ts.Node>,
  seen: Set<ts.Node>,
): void {
  if (ts.isCallExpression(node)) {
    const callee = node.expression;
    const effect = effectOf(callee);
    if (effect === 'outbox') counts[inTx ? 'outboxInTx' : 'outboxOutsideTx']++;
    if (effect === 'audit') counts[inTx ? 'auditInTx' : 'auditOutsideTx']++;
    const calleeName = ts.isPropertyAccessExpression(callee)
      ? callee.name.text
      : ts.isIdentifier(callee)
        ? callee.text
        : '';
    if (TX_OPENERS.test(calleeName)) {
      for (const arg of node.arguments)
        countEffects(arg, inTx || isFunctionLike(arg), counts, functions, seen);
      countEffects(callee, inTx, counts, functions, seen);
      return;
    }
    // A helper declared in the same file: follow it once, keeping whether we are inside a transaction.
    if (ts.isIdentifier(callee)) {
      const target = functions.get(callee.text);
      if (target && !seen.has(target)) {
        seen.add(target);
        countEffects(target, inTx, counts, functions, seen);
      }
    }
  }
  ts.forEachChild(node, (child) => countEffects(child, inTx, counts, functions, seen));
}

function effectOf(callee: ts.Expression): 'outbox' | 'audit' | undefined {
  if (!ts.isPropertyAccessExpression(callee) || !ts.isPropertyAccessExpression(callee.expression))
    return undefined;
  const owner = callee.expression.name.text;
  const method = callee.name.text;
  if (owner === 'outbox' && (method === 'add' || method === 'publish' || method === 'enqueue'))
    return 'outbox';
  if (owner === 'audit' && (method === 'record' || method === 'log' || method === 'add')) return 'audit';
  return undefined;
}
