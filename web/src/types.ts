// The API's JSON shapes the page reads (see src/HtmCloud.Contracts).
export interface SignupResponse { tenantId: string; keyId: string; apiKey: string }
export interface ModelSummary { id: string; name: string; createdAt: string }
export interface GraphField { name: string; type: string }
export interface PoolSpec {
  name: string;
  spatialPooler?: { columnDimensions?: number[] };
  temporalMemory?: { cellsPerColumn?: number };
}
export interface PoolGraph { fields: GraphField[]; pools: PoolSpec[]; [key: string]: unknown }
export interface ModelView extends ModelSummary { graph: PoolGraph }

export interface PoolOutput {
  rawAnomaly: number;
  anomalyLikelihood?: number;
  anomalyScore: number;
  activeColumns?: number[];
  predictiveCells?: number[];
}
export interface RecordResult {
  seq: number;
  timestamp?: string;
  anomalyScore: number;
  anomalyLikelihood?: number;
  rawAnomaly: number;
  pools: Record<string, PoolOutput>;
}
export interface LiveRecord { result: RecordResult; input?: Record<string, unknown> }
export interface ModelState { recordsProcessed: number; last: RecordResult | null }

export interface WebhookView {
  id: string; url: string; events: string[]; anomalyThreshold: number; modelId: string | null;
  enabled: boolean; disabledReason: string | null; createdAt: string;
}
export interface CreatedWebhook { id: string; secret: string; webhook: WebhookView }
export interface DeliveryView {
  id: string; webhookId: string; modelId: string; event: string; firstSeq: number; lastSeq: number;
  status: string; attempts: number; createdAt: string; lastAttemptAt: string | null;
  lastStatusCode: number | null; lastError: string | null;
}
export interface CheckpointView { id: string; seq: number; size: number; createdAt: string }
