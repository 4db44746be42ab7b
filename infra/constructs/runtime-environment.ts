import type { Function as LambdaFunction } from "aws-cdk-lib/aws-lambda";

/**
 * The runtime configuration contract: the `HERALD_*` variables every function reads (see
 * `functions/adapters/env-config.ts`). Each construct publishes the variables it owns (the table its
 * name, the queues their URLs, the API its public URL) and every registered function receives all of
 * them, whichever was created first. Nothing secret goes here: `HERALD_API_SECRET_ARN` and
 * `HERALD_TOKEN_SECRET_ARN` name the secrets, the functions read their values at run time.
 */
export class RuntimeEnvironment {
  private readonly variables = new Map<string, string>();
  private readonly functions: LambdaFunction[] = [];

  set(name: string, value: string): void {
    if (this.variables.has(name)) throw new Error(`runtime variable ${name} is set twice`);
    this.variables.set(name, value);
    for (const fn of this.functions) fn.addEnvironment(name, value);
  }

  apply(fn: LambdaFunction): void {
    this.functions.push(fn);
    for (const [name, value] of this.variables) fn.addEnvironment(name, value);
  }

  names(): string[] {
    return [...this.variables.keys()];
  }
}
