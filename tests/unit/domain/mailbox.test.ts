import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mailboxKey } from "../../../functions/domain/mailbox.js";

const localPart = fc.stringMatching(/^[a-z0-9]([a-z0-9_-]{0,10}[a-z0-9])?$/);
const tag = fc.stringMatching(/^[a-z0-9._-]{0,8}$/);
/** Dots sprinkled between the characters of a Gmail local part, and random upper case. */
const dotted = (local: string) =>
  fc
    .array(fc.boolean(), { minLength: local.length, maxLength: local.length })
    .map((dots) => [...local].map((ch, i) => (i > 0 && dots[i] ? `.${ch}` : ch)).join(""));
const randomCase = (s: string) =>
  fc
    .array(fc.boolean(), { minLength: s.length, maxLength: s.length })
    .map((up) => [...s].map((ch, i) => (up[i] ? ch.toUpperCase() : ch)).join(""));

describe("mailboxKey: the inbox an address lands in", () => {
  it.each([
    ["MBomb@Gmail.com", "mbomb@gmail.com"],
    ["m.bomb+17@gmail.com", "mbomb@gmail.com"],
    ["m.b.o.m.b@googlemail.com", "mbomb@gmail.com"],
    ["ana+news@example.org", "ana@example.org"],
    ["ana.lopez@example.org", "ana.lopez@example.org"],
    ["+only@example.org", "+only@example.org"],
  ])("%s → %s", (address, key) => {
    expect(mailboxKey(address)).toBe(key);
  });

  it("folds every case, dot, +tag and googlemail spelling of a Gmail inbox into one key", () => {
    fc.assert(
      fc.property(
        localPart.chain((local) =>
          fc.tuple(
            fc.constant(local),
            dotted(local).chain(randomCase),
            fc.option(tag),
            fc.constantFrom("gmail.com", "googlemail.com", "GMail.com", "GoogleMail.COM"),
          ),
        ),
        ([local, spelled, plus, domain]) => {
          const address = `${spelled}${plus === null ? "" : `+${plus}`}@${domain}`;
          expect(mailboxKey(address)).toBe(`${local}@gmail.com`);
        },
      ),
    );
  });

  it("keeps dots elsewhere (other providers deliver a.b and ab to different people) but drops a +tag", () => {
    fc.assert(
      fc.property(localPart, localPart, tag, (a, b, t) => {
        expect(mailboxKey(`${a}.${b}+${t}@Example.org`)).toBe(`${a}.${b}@example.org`);
        expect(mailboxKey(`${a}.${b}@example.org`)).not.toBe(mailboxKey(`${a}${b}@example.org`));
      }),
    );
  });
});
