/**
 * The "view in browser" page is the email minus what belongs to one recipient (their unsubscribe
 * and preference links) or only makes sense in an inbox. The template marks those blocks with HTML
 * comments, which MJML keeps: `<!--herald:personal-->…<!--/herald:personal-->` and
 * `<!--herald:email-only-->…<!--/herald:email-only-->`.
 */

const MARKED_BLOCK = /<!--herald:(personal|email-only)-->[\s\S]*?<!--\/herald:\1-->/g;
const STRAY_MARKER = /<!--\/?herald:[\w-]+-->/;

/**
 * `headTags` (the link-preview tags, which an email has no use for) go at the end of `<head>`.
 *
 * @example
 * webVersion("<p>News</p><!--herald:personal--><a href='{{unsubscribeUrl}}'>x</a><!--/herald:personal-->");
 * // "<p>News</p>"
 */
export function webVersion(emailHtml: string, headTags = ""): string {
  let web = emailHtml.replace(MARKED_BLOCK, "");
  const stray = web.match(STRAY_MARKER);
  if (stray) throw new Error(`unbalanced template marker ${stray[0]}`);
  if (headTags) {
    const end = web.search(/<\/head>/i);
    if (end < 0) throw new Error("the page has no </head> for its link-preview tags");
    web = `${web.slice(0, end)}${headTags}\n${web.slice(end)}`;
  }
  return web;
}
