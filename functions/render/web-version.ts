/**
 * The "view in browser" page is the email minus what belongs to one recipient (their unsubscribe
 * and preference links) or only makes sense in an inbox. The template marks those blocks with HTML
 * comments, which MJML keeps: `<!--herald:personal-->…<!--/herald:personal-->` and
 * `<!--herald:email-only-->…<!--/herald:email-only-->`.
 */

const MARKED_BLOCK = /<!--herald:(personal|email-only)-->[\s\S]*?<!--\/herald:\1-->/g;
const STRAY_MARKER = /<!--\/?herald:[\w-]+-->/;

/**
 * @example
 * webVersion("<p>News</p><!--herald:personal--><a href='{{unsubscribeUrl}}'>x</a><!--/herald:personal-->");
 * // "<p>News</p>"
 */
export function webVersion(emailHtml: string): string {
  const web = emailHtml.replace(MARKED_BLOCK, "");
  const stray = web.match(STRAY_MARKER);
  if (stray) throw new Error(`unbalanced template marker ${stray[0]}`);
  return web;
}
