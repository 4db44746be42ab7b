import { RemovalPolicy } from "aws-cdk-lib";
import { AttributeType, Billing, TableV2 } from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { MARKS_TABLE_SCHEMA, TABLE_SCHEMA } from "../../functions/adapters/dynamo/table-schema.js";
import type { FunctionAccess } from "../function-access.js";
import type { RuntimeEnvironment } from "./runtime-environment.js";

/**
 * The tables, built from the same schemas the local bootstrap uses, so the two cannot drift.
 * The main table holds the subscriber list, so it survives anything short of a deliberate decision:
 * deletion protection, RETAIN on stack deletion, and point-in-time recovery for the 35 days before a
 * mistake. The marks table holds only what deduplicates clicks and opens for a month (the counters
 * are in the main table), so it needs none of that; in the main table its items would be most of
 * what the backups and PITR hold.
 */
export class HeraldData extends Construct {
  readonly table: TableV2;
  readonly marksTable: TableV2;

  constructor(scope: Construct, id: string, props: { env: RuntimeEnvironment }) {
    super(scope, id);
    const key = (name: string) => ({ name, type: AttributeType.STRING });
    this.table = new TableV2(this, "Table", {
      partitionKey: key(TABLE_SCHEMA.partitionKey),
      sortKey: key(TABLE_SCHEMA.sortKey),
      billing: Billing.onDemand(),
      timeToLiveAttribute: TABLE_SCHEMA.ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: TABLE_SCHEMA.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: key(index.partitionKey),
        sortKey: key(index.sortKey),
      })),
    });
    props.env.set("HERALD_TABLE_NAME", this.table.tableName);
    this.marksTable = new TableV2(this, "MarksTable", {
      partitionKey: key(MARKS_TABLE_SCHEMA.partitionKey),
      sortKey: key(MARKS_TABLE_SCHEMA.sortKey),
      billing: Billing.onDemand(),
      timeToLiveAttribute: MARKS_TABLE_SCHEMA.ttlAttribute,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    props.env.set("HERALD_MARKS_TABLE_NAME", this.marksTable.tableName);
  }

  /**
   * Item actions on the table itself (no index) and only on items whose partition key starts with one
   * of `prefixes`: for a function that touches a corner of the table and should reach nothing else.
   */
  grantItems(grantee: iam.IGrantable, actions: string[], prefixes: string[]): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: actions.map((a) => `dynamodb:${a}`),
      resourceArns: [this.table.tableArn],
      conditions: {
        "ForAllValues:StringLike": { "dynamodb:LeadingKeys": prefixes.map((p) => `${p}*`) },
      },
    });
  }

  /**
   * A function's row of `FUNCTION_ACCESS`: its item actions on the table, on the marks table if it
   * has any, and Query on the indexes only if it lists through them. CDK's `grantReadWriteData`
   * would add every item action, `index/*` and table-management actions (DescribeTable, streams)
   * that no function needs.
   */
  grantData(grantee: iam.IGrantable, access: Pick<FunctionAccess, "table" | "index" | "marks">): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: access.table.map((a) => `dynamodb:${a}`),
      resourceArns: [this.table.tableArn],
    });
    if (access.marks) {
      iam.Grant.addToPrincipal({
        grantee,
        actions: access.marks.map((a) => `dynamodb:${a}`),
        resourceArns: [this.marksTable.tableArn],
      });
    }
    if (access.index) {
      iam.Grant.addToPrincipal({
        grantee,
        actions: ["dynamodb:Query"],
        resourceArns: TABLE_SCHEMA.indexes.map((index) => `${this.table.tableArn}/index/${index.name}`),
      });
    }
  }
}
