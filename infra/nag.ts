import { type App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";

/**
 * cdk-nag v3 (AwsSolutions) as a policy-validation plugin: every synth checks the whole app, and an
 * unacknowledged error finding fails the synth. Acknowledgements sit next to the resource they
 * concern, `Validations.of(construct).acknowledge({ id, reason })`, each with its reason.
 */
export function enableNag(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}
