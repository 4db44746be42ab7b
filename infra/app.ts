#!/usr/bin/env node
import { Annotations, App } from "aws-cdk-lib";
import { configFromContext } from "./config.js";
import { HeraldStack } from "./herald-stack.js";
import { enableNag } from "./nag.js";

/**
 * The CDK app: `npm run synth`, `npx cdk deploy` (see "Deploy to AWS" in README.md). Settings come from
 * context: `cdk.json`, or `-c domain=news.example.org -c alarmEmail=ops@example.org …`.
 */
const app = new App();
enableNag(app);
const stackName = app.node.tryGetContext("stackName") ?? "Herald";
const stack = new HeraldStack(app, stackName, {
  config: configFromContext(app.node),
  description: "Herald: newsletter and social syndication backend",
  // Account and region come from the CLI's credentials at deploy time; synth needs neither.
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});

// Defaults make synth work anywhere, but a real deployment must not send as news.example.com.
for (const key of ["domain", "postalAddress", "sesMaxSendRate", "alarmEmail"]) {
  if (app.node.tryGetContext(key) === undefined) {
    Annotations.of(stack).addWarningV2(
      `herald:context:${key}`,
      `context "${key}" is not set; using the default`,
    );
  }
}
