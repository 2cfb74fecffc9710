// The local DynamoDB side as the shop runs it: dynalite on an internal port, the change-capturing
// proxy on the public DynamoDB port, the orders table's stream journal and checkpoint in the data
// folder, and (once the functions exist) the stream event source mapping that drives the consumer.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { DynamoDBRecord } from "aws-lambda";
import { dynamoTableArn } from "../aws/localResources";
import type { RunningServer } from "../http/httpServer";
import type { LocalFunction } from "../lambda/localFunction";
import { recoverOpenIntents, startChangeCapturingProxy } from "./changeCapturingProxy";
import { StreamCheckpoint } from "./streamCheckpoint";
import { type StreamBatchFailure, StreamEventSourceMapping, type StreamMappingSettings, type StreamMappingStats } from "./streamEventSourceMapping";
import { StreamJournal } from "./streamJournal";

export const STREAM_DIR = "dynamodb-stream";
const JOURNAL_FILE = "orders-table.stream.jsonl";
export const CHECKPOINT_FILE = "orders-table.checkpoint.json";

export interface ChangeFeedStats {
  streamArn: string;
  records: number;
  /** Writes settled at start that a crashed process had left between intent and commit. */
  recoveredRecords: number;
  checkpoint?: string;
  lag: number;
  consumer?: StreamMappingStats;
}

export interface LocalChangeFeed {
  /** The DynamoDB endpoint everything uses (the proxy). */
  server: RunningServer;
  journal: StreamJournal;
  checkpoint: StreamCheckpoint;
  /** Every record in the stream, oldest first. */
  records(): readonly DynamoDBRecord[];
  /** Starts delivering the stream to the consumer (call once). */
  startDelivery(options: DeliveryOptions): StreamEventSourceMapping;
  stats(): ChangeFeedStats;
  /** Stops the delivery, the proxy and the journal (dynalite is the caller's). */
  stop(): Promise<void>;
}

export interface DeliveryOptions extends StreamMappingSettings {
  consumer: LocalFunction;
  onFailureDestination: (message: StreamBatchFailure) => Promise<void>;
  retryDelayMs?: number;
  log?: (line: string) => void;
}

export async function startChangeFeed(options: {
  dynamo: RunningServer;
  dataDir: string;
  tableName: string;
  port: number;
  host?: string;
}): Promise<LocalChangeFeed> {
  const dir = join(options.dataDir, STREAM_DIR);
  mkdirSync(dir, { recursive: true });
  const journal = await StreamJournal.open(join(dir, JOURNAL_FILE), dynamoTableArn(options.tableName));
  const checkpoint = StreamCheckpoint.load(join(dir, CHECKPOINT_FILE));
  let server: RunningServer;
  let recoveredRecords: number;
  try {
    recoveredRecords = await recoverOpenIntents(options.dynamo.url, journal, options.tableName);
    server = await startChangeCapturingProxy({
      dynamoUrl: options.dynamo.url,
      streams: new Map([[options.tableName, journal]]),
      port: options.port,
      host: options.host,
    });
  } catch (error) {
    await journal.close();
    throw error;
  }
  let mapping: StreamEventSourceMapping | undefined;
  return {
    server,
    journal,
    checkpoint,
    records: () => journal.all(),
    startDelivery(delivery) {
      if (mapping) throw new Error("The change feed is already being delivered");
      mapping = new StreamEventSourceMapping({ journal, checkpoint, ...delivery });
      mapping.start();
      return mapping;
    },
    stats: () => ({
      streamArn: journal.streamArn,
      records: journal.all().length,
      recoveredRecords,
      checkpoint: checkpoint.sequenceNumber,
      lag: journal.after(checkpoint.sequenceNumber, Number.MAX_SAFE_INTEGER).length,
      ...(mapping ? { consumer: { ...mapping.stats } } : {}),
    }),
    async stop() {
      await mapping?.stop();
      await server.close();
      await journal.close();
    },
  };
}
