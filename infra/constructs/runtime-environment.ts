import type { RuntimeVariable } from "../../functions/adapters/runtime-env.js";

/** What takes a variable: a Lambda function (or Herald's wrapper of one). */
interface HasEnvironment {
  addEnvironment(name: string, value: string): unknown;
}

/**
 * The runtime configuration contract: the variables every function reads, named by
 * `functions/adapters/runtime-env.ts` (a name it does not know fails to compile here). Each construct
 * publishes the variables it owns (the table its name, the queues their URLs, the API its public URL)
 * and every registered function receives all of them, whichever was created first. Nothing secret
 * goes here: `HERALD_API_SECRET_ARN` and `HERALD_TOKEN_SECRET_ARN` name the secrets, the functions
 * read their values at run time.
 */
export class RuntimeEnvironment {
  private readonly variables = new Map<RuntimeVariable, string>();
  private readonly functions: HasEnvironment[] = [];

  /**
   * A variable of one function only (its secret's ARN, its share of the send rate).
   *
   * @example
   * RuntimeEnvironment.setOn(sendFunction, "HERALD_SEND_RATE_PER_WORKER", "14");
   */
  static setOn(fn: HasEnvironment, name: RuntimeVariable, value: string): void {
    fn.addEnvironment(name, value);
  }

  set(name: RuntimeVariable, value: string): void {
    if (this.variables.has(name)) throw new Error(`runtime variable ${name} is set twice`);
    this.variables.set(name, value);
    for (const fn of this.functions) fn.addEnvironment(name, value);
  }

  apply(fn: HasEnvironment): void {
    this.functions.push(fn);
    for (const [name, value] of this.variables) fn.addEnvironment(name, value);
  }

  names(): RuntimeVariable[] {
    return [...this.variables.keys()];
  }
}
