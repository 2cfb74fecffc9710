// The versioned JSON Schemas of the order events (schemas/*.v1.json) and a validator for them:
// each event type has its own file, named after its detail-type ("Order Payment Failed" →
// order-payment-failed.v1.json), which pins the type on top of order-event.v1.json, the shape
// every order event shares. A type without a file of its own (a status rules.ts gained later)
// is validated against the shared schema until it gets one. Used by the tests (every emitted
// event is checked) and as the catalogue the README lists; handlers do not validate at run time.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

export const ORDER_EVENT_SCHEMA_DIR = fileURLToPath(new URL("./schemas/", import.meta.url));
export const SHARED_ORDER_EVENT_SCHEMA = "order-event.v1.json";

/** The schema file of a detail-type, by name (whether or not it exists). */
export function schemaFileOf(detailType: string, version = 1): string {
  return `${detailType.trim().toLowerCase().replace(/\s+/g, "-")}.v${version}.json`;
}

export interface SchemaCheck {
  schemaFile: string;
  valid: boolean;
  errors: ErrorObject[];
}

export class OrderEventSchemas {
  private readonly ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly directory = ORDER_EVENT_SCHEMA_DIR) {
    addFormats.default(this.ajv);
    for (const file of this.files()) this.ajv.addSchema(JSON.parse(readFileSync(join(directory, file), "utf8")) as object, file);
  }

  files(): string[] {
    return readdirSync(this.directory)
      .filter((file) => file.endsWith(".json"))
      .sort();
  }

  /** The file an event of this detail-type is checked against: its own, or the shared one. */
  schemaFor(detailType: string): string {
    const own = schemaFileOf(detailType);
    return existsSync(join(this.directory, own)) ? own : SHARED_ORDER_EVENT_SCHEMA;
  }

  /** Checks an event as a target receives it (EventBridge envelope with its detail). */
  check(event: { "detail-type": string }): SchemaCheck {
    const schemaFile = this.schemaFor(event["detail-type"]);
    let validate = this.validators.get(schemaFile);
    if (!validate) {
      validate = this.ajv.getSchema(schemaFile);
      if (!validate) throw new Error(`schema ${schemaFile} is not loaded`);
      this.validators.set(schemaFile, validate);
    }
    const valid = validate(event) as boolean;
    return { schemaFile, valid, errors: valid ? [] : [...(validate.errors ?? [])] };
  }
}
