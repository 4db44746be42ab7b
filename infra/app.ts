#!/usr/bin/env node
import { App } from "aws-cdk-lib";
import { configFromContext } from "./config.js";
import { HeraldStack } from "./herald-stack.js";
import { enableNag } from "./nag.js";

/**
 * The CDK app: `npx cdk synth` / `npx cdk deploy` (see infra/README-deploy.md). Settings come from
 * context: `cdk.json`, or `-c domain=news.example.org -c alarmEmail=ops@example.org …`.
 */
const app = new App();
enableNag(app);
const stackName = app.node.tryGetContext("stackName") ?? "Herald";
new HeraldStack(app, stackName, {
  config: configFromContext(app.node),
  description: "Herald: newsletter and social syndication backend",
  // Account and region come from the CLI's credentials at deploy time; synth needs neither.
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
