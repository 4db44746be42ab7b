import { describe, expect, it } from "vitest";
import { configFromEnv } from "../../../functions/adapters/env-config.js";
import { EVERY_FUNCTION_VARIABLES, LambdaEnv, RuntimeEnv } from "../../../functions/adapters/runtime-env.js";
import { marksTableOf } from "../../../functions/domain/config.js";

const deployed = Object.fromEntries(EVERY_FUNCTION_VARIABLES.map((name) => [name, `value of ${name}`]));

describe("the runtime environment", () => {
  it("a deployed function reads every variable the stack sets on it", () => {
    const env = LambdaEnv.parse({ ...deployed, PATH: "/usr/bin" });
    expect(env.HERALD_SEND_QUEUE_URL).toBe("value of HERALD_SEND_QUEUE_URL");
    // Only Herald's variables travel on: the rest of the process environment is dropped.
    expect(env).not.toHaveProperty("PATH");
  });

  it.each([
    "HERALD_SEND_QUEUE_URL",
    "HERALD_EDITION_QUEUE_URL",
    "HERALD_SOCIAL_QUEUE_URL",
    "HERALD_SCHEDULE_GROUP",
  ])("a deployed function without %s stops, naming it (it used to read as undefined)", (name) => {
    const { [name]: _, ...rest } = deployed;
    const parsed = LambdaEnv.safeParse(rest);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual([name]);
  });

  it("a local run needs none of them: configFromEnv falls back to the documented defaults", () => {
    expect(RuntimeEnv.safeParse({}).success).toBe(true);
    expect(configFromEnv({}).tableName).toBe("herald");
    expect(configFromEnv({ HERALD_TABLE_NAME: "t", HERALD_AUDIENCE_SHARDS: "4" })).toMatchObject({
      tableName: "t",
      audienceShards: 4,
    });
  });

  it("the marks table is the stack's HERALD_MARKS_TABLE_NAME, or the main table's name with -marks", () => {
    expect(marksTableOf(configFromEnv({}))).toBe("herald-marks");
    expect(marksTableOf(configFromEnv({ HERALD_TABLE_NAME: "t" }))).toBe("t-marks");
    expect(marksTableOf(configFromEnv({ HERALD_TABLE_NAME: "t", HERALD_MARKS_TABLE_NAME: "m" }))).toBe("m");
    // A test's own table brings its own marks table along, even over a config read with another.
    expect(marksTableOf({ ...configFromEnv({}), tableName: "mine" })).toBe("mine-marks");
  });

  it("the planner cuts chunks of 100 unless the stack sets HERALD_CHUNK_SIZE (50 at a small quota)", () => {
    expect(configFromEnv({}).chunkSize).toBe(100);
    expect(configFromEnv({ HERALD_CHUNK_SIZE: "50" }).chunkSize).toBe(50);
    // More than two SES calls' worth is refused at start-up, not sent in calls SES would refuse.
    expect(() => configFromEnv({ HERALD_CHUNK_SIZE: "500" })).toThrow();
  });
});
