import type { IncomingMessage } from 'node:http';
import {
  context,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOnSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  RandomIdGenerator,
  type IdGenerator,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  formatTraceparent,
  newSpanId,
  newTraceId,
  parseTraceparentHeader,
  type TraceParent,
} from './trace-context.js';

const TRACE_ID = /^[0-9a-f]{32}$/;
const kTraceParent = Symbol('shipshape.traceparent');
type RawWithTrace = IncomingMessage & { [kTraceParent]?: TraceParent | null };

declare module 'fastify' {
  interface FastifyRequest {
    /** The server span of this request (OpenTelemetry). */
    span: Span | null;
  }
}

/**
 * An id generator that hands out a trace id chosen in advance exactly once. Fastify assigns the request
 * id (= trace id, so every log line carries it) before the span exists; when a request starts a new trace,
 * the span must use that same id. `tracer.startSpan` is synchronous, so the preset cannot leak to another
 * request.
 */
class PresetTraceIdGenerator implements IdGenerator {
  private readonly random = new RandomIdGenerator();
  private next: string | undefined;
  preset(traceId: string): void {
    this.next = traceId;
  }
  generateTraceId(): string {
    const id = this.next;
    this.next = undefined;
    return id ?? this.random.generateTraceId();
  }
  generateSpanId(): string {
    return this.random.generateSpanId();
  }
}

export interface TracingOptions {
  serviceName: string;
  serviceVersion: string;
  /** OTLP/HTTP endpoint base; spans are posted to `<endpoint>/v1/traces`. */
  otlpEndpoint?: string;
  /** Extra exporter (tests use an InMemorySpanExporter). */
  exporter?: SpanExporter;
}

export interface Tracing {
  tracer: Tracer;
  /**
   * Whether spans are recorded: true when an exporter is configured (OTLP endpoint or `exporter`). Without
   * one, requests get a non-recording span (trace context only) and no AsyncLocalStorage context: the
   * request id, `traceresponse`, log lines and problem bodies carry the trace id all the same, and
   * `requestTraceparent(request)` gives the value for outgoing calls; `currentTraceparent()` answers
   * undefined.
   */
  recording: boolean;
  /** Flushes pending spans (OTLP) and stops the provider. */
  shutdown(): Promise<void>;
  forceFlush(): Promise<void>;
  /** @internal */
  idGenerator: PresetTraceIdGenerator;
}

let contextManagerInstalled = false;

/** Installs the AsyncLocalStorage context manager once per process so the request span is active in handlers. */
function ensureContextManager(): void {
  if (contextManagerInstalled) return;
  contextManagerInstalled = true;
  // Returns false when another SDK already installed one; that one propagates context as well.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
}

export function createTracing(options: TracingOptions): Tracing {
  const processors: SpanProcessor[] = [];
  if (options.otlpEndpoint) {
    const url = `${options.otlpEndpoint.replace(/\/+$/, '')}/v1/traces`;
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url })));
  }
  if (options.exporter)
    processors.push(new BatchSpanProcessor(options.exporter, { scheduledDelayMillis: 50 }));
  const recording = processors.length > 0;
  // AsyncLocalStorage (async_hooks on Node 20) taxes every promise of the process: only when spans are kept.
  if (recording) ensureContextManager();
  const idGenerator = new PresetTraceIdGenerator();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: options.serviceName,
      [ATTR_SERVICE_VERSION]: options.serviceVersion,
    }),
    sampler: new ParentBasedSampler({ root: new AlwaysOnSampler() }),
    idGenerator,
    spanProcessors: processors,
  });
  return {
    tracer: provider.getTracer('@shipshape/runtime'),
    recording,
    idGenerator,
    shutdown: () => provider.shutdown(),
    forceFlush: () => provider.forceFlush(),
  };
}

/**
 * Fastify `genReqId`: the request id is the W3C trace id — the incoming one when `traceparent` is valid,
 * a new one otherwise — so pino's per-request child logger puts it on every line.
 */
export function traceIdRequestId(req: IncomingMessage): string {
  const raw = req as RawWithTrace;
  const parent = parseTraceparentHeader(req.headers.traceparent);
  raw[kTraceParent] = parent ?? null;
  return parent ? parent.traceId : newTraceId();
}

function remoteParentContext(parent: TraceParent, tracestate: string | string[] | undefined): Context {
  let traceState: TraceState | undefined;
  if (typeof tracestate === 'string' && tracestate.length <= 512) traceState = new TraceState(tracestate);
  return trace.setSpanContext(ROOT_CONTEXT, {
    traceId: parent.traceId,
    spanId: parent.parentId,
    traceFlags: parent.traceFlags & 0x01,
    isRemote: true,
    traceState,
  });
}

export interface TracingPluginOptions {
  tracing: Tracing;
}

async function tracingPlugin(app: FastifyInstance, options: TracingPluginOptions): Promise<void> {
  const { tracing } = options;
  if (!tracing || typeof tracing.tracer?.startSpan !== 'function') {
    throw new TypeError('tracingPlugin: option "tracing" must come from createTracing()');
  }
  app.decorateRequest('span', null);

  if (!tracing.recording) {
    // No exporter: the trace context alone. The same ids and flags a recording span would get (a new trace is
    // sampled, a continued one keeps the caller's flag), without a span to build, time and drop.
    app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      const parent = (request.raw as RawWithTrace)[kTraceParent];
      const spanContext = {
        traceId: parent ? parent.traceId : TRACE_ID.test(request.id) ? request.id : newTraceId(),
        spanId: newSpanId(),
        traceFlags: parent ? parent.traceFlags & 0x01 : 1,
      };
      request.span = trace.wrapSpanContext(spanContext);
      reply.header(
        'traceresponse',
        formatTraceparent(spanContext.traceId, spanContext.spanId, spanContext.traceFlags),
      );
      done();
    });
    return;
  }

  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const raw = request.raw as RawWithTrace;
    const parent = raw[kTraceParent];
    let parentContext = ROOT_CONTEXT;
    if (parent) {
      parentContext = remoteParentContext(parent, request.headers.tracestate);
    } else if (TRACE_ID.test(request.id)) {
      tracing.idGenerator.preset(request.id);
    }
    const route = request.routeOptions.url;
    const span = tracing.tracer.startSpan(
      route ? `${request.method} ${route}` : request.method,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': request.method,
          'url.path': request.url.split('?')[0],
          ...(route ? { 'http.route': route } : {}),
        },
      },
      parentContext,
    );
    request.span = span;
    const sc = span.spanContext();
    // traceresponse (Trace Context Level 2 editors' draft): the trace id and this server span.
    reply.header('traceresponse', formatTraceparent(sc.traceId, sc.spanId, sc.traceFlags));
    context.with(trace.setSpan(parentContext, span), done);
  });

  app.addHook('onResponse', (request, reply, done) => {
    const span = request.span;
    if (span) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    done();
  });
}

export default fp(tracingPlugin, { name: 'shipshape-tracing', fastify: '5.x' });
export { tracingPlugin };

/** The `traceparent` of a request's server span, for calls it makes (recording or not). */
export function requestTraceparent(request: FastifyRequest): string | undefined {
  const sc = request.span?.spanContext();
  return sc ? formatTraceparent(sc.traceId, sc.spanId, sc.traceFlags) : undefined;
}

/**
 * The `traceparent` of the active span (for outgoing calls and events), or undefined outside a request —
 * and always undefined when no exporter is configured (no context is kept then: use requestTraceparent).
 */
export function currentTraceparent(): string | undefined {
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const sc = span.spanContext();
  return formatTraceparent(sc.traceId, sc.spanId, sc.traceFlags);
}
