import { renderBriefing } from "./briefing.js";
import { renderConfirmation } from "./confirmation.js";
import { renderEdition } from "./email.js";

/** Every MJML renderer the render worker needs, for the Lambda handler, `npm start` and the tests. */
export const mjmlRenderers = {
  edition: renderEdition,
  briefing: renderBriefing,
  confirmation: renderConfirmation,
};
