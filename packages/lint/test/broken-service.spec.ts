import { describe, expect, it } from 'vitest';
import { lintService } from '../src/index.js';
import { BROKEN } from './helpers.js';

/**
 * test/fixtures/broken-service is the good fixture with deliberate breaks (see the list below);
 * each break must surface as exactly these findings, at these places.
 */
describe('lintService on the broken fixture', () => {
  it('reports each deliberate break where it is written', async () => {
    const report = await lintService(BROKEN);
    expect(report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`)).toEqual([
      // channel orderDeleted renamed to a 4-part address; its message type no longer matches it
      'asyncapi/orders.yaml:38:14 shipshape-channel-address-naming',
      // `subject` removed from the shared CloudEvent schema: every message lacks it
      'asyncapi/orders.yaml:75:15 shipshape-message-cloudevents-envelope',
      'asyncapi/orders.yaml:89:15 shipshape-message-cloudevents-envelope',
      // OrderUpdated pins type acme.orders.order.changed.v1
      'asyncapi/orders.yaml:94:20 shipshape-event-type-matches-address',
      'asyncapi/orders.yaml:103:15 shipshape-message-cloudevents-envelope',
      'asyncapi/orders.yaml:108:20 shipshape-event-type-matches-address',
      // ORDER_ALREADY_SHIPPED registered but in no enum
      'errors/error-codes.yaml:52:5 shipshape-error-codes-registered',
      // the server is plain http:// (OWASP API8)
      'openapi/orders.yaml:18:10 owasp:api8:2023-no-server-http',
      // Idempotency-Key made optional
      'openapi/orders.yaml:212:17 shipshape-post-idempotency-key',
      // NotFound answers application/json
      'openapi/orders.yaml:306:15 shipshape-error-response-problem-json',
      'openapi/orders.yaml:307:26 shipshape-error-response-problem-json',
      // PAYMENT_DECLINED in the enum but not registered
      'openapi/orders.yaml:393:15 shipshape-error-codes-registered',
      // OrderCreate lost additionalProperties: false
      'openapi/orders.yaml:460:17 shipshape-request-body-closed',
      // OrdersNotReady links a runbook of another name; the OutboxBacklog runbook was deleted
      'ops/alerts.yaml:39:11 shipshape-alert-runbook',
      'ops/alerts.yaml:51:11 shipshape-alert-runbook',
      // error-rate SLO removed; availability objective 100 %
      'ops/slos.yaml:6:1 shipshape-slos-valid',
      'ops/slos.yaml:9:5 shipshape-slos-valid',
    ]);
  });

  it('names the messages a reader needs and fails exactly the gates that were broken', async () => {
    const report = await lintService(BROKEN);
    const messages = report.findings.map((f) => f.message);
    expect(messages).toContain(
      'error code ACME.ORDERS.PAYMENT_DECLINED is not registered in errors/error-codes.yaml',
    );
    expect(messages).toContain(
      'registered code ACME.ORDERS.ORDER_ALREADY_SHIPPED is in no problem code enum of openapi/orders.yaml',
    );
    expect(messages).toContain(
      'alert OrdersOutboxBacklog: runbook runbooks/orders-outbox-backlog.md does not exist',
    );
    expect(messages).toContain('Server URLs must not use http://. Use https:// or wss:// instead.');
    expect(report.summary).toEqual({ errors: 17, warnings: 0, infos: 0 });
    expect(report.gates.filter((g) => g.status === 'fail').map((g) => g.id)).toEqual([
      'api.error_codes_registered',
      'api.error_envelope',
      'api.idempotency',
      'api.openapi_present',
      'events.envelope',
      'events.naming',
      'obs.runbooks',
      'obs.slos',
      'sec.crypto',
    ]);
    expect(report.gates.filter((g) => g.status === 'pass').map((g) => g.id)).toEqual([
      'api.tracing',
      'api.versioning',
      'events.asyncapi_present',
      'sec.authentication',
      'sec.data_exposure',
      'sec.headers',
      'sec.threat_model',
      'sec.waf_rules',
    ]);
  });
});
