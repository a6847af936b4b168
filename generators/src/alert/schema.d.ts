export interface AlertGeneratorSchema {
  /** Kebab-case name of the alert (`payments-stuck` → `OrdersPaymentsStuck`). */
  name: string;
  /** The Shipshape service (Nx project) to add it to. */
  project: string;
  /** PromQL expression. */
  expr: string;
  /** Prometheus duration, default `5m`. */
  for?: string;
  severity?: 'page' | 'ticket';
  summary?: string;
  description?: string;
  /** Id of an SLO of the service. */
  slo?: string;
  force?: boolean;
  skipFormat?: boolean;
}
