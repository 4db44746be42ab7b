import { currentCsrfToken } from "./api.js";
import { h, replace, table } from "./dom.js";
import { fmtNumber } from "./format.js";
import { notice } from "./ui.js";

interface ImportReport {
  imported?: number;
  updated?: number;
  skipped?: number;
  errors?: Array<{ line: number; message: string }>;
  rejected?: Array<{ line: number; message?: string; reason?: string }>;
}

/**
 * Uploads a CSV with XMLHttpRequest (fetch reports no upload progress), then shows the summary:
 * imported, updated, skipped, and every rejected row with its reason.
 */
export function csvImport(): HTMLElement {
  const said = notice();
  const file = h("input", { id: "csv-file", type: "file", accept: ".csv,text/csv", required: true });
  const bar = h("progress", { max: 100, value: 0, "aria-label": "Upload progress", id: "import-progress" });
  bar.hidden = true;
  const summary = h("div", { id: "import-summary" });
  const form = h(
    "form",
    { class: "import" },
    h("label", { for: "csv-file" }, "CSV file (email, name, topics, cadence)"),
    file,
    h("button", { type: "submit" }, "Import"),
    bar,
    said.el,
    summary,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) return said.say("Choose a CSV file first.", true);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/v1/subscribers/import");
    xhr.setRequestHeader("content-type", "text/csv");
    xhr.setRequestHeader("x-csrf-token", currentCsrfToken());
    bar.hidden = false;
    bar.value = 0;
    said.say(`Uploading ${chosen.name}…`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
    };
    xhr.onload = () => {
      bar.value = 100;
      let body: ImportReport & { error?: { message?: string } } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {}
      if (xhr.status === 401) return location.replace("/console/sign-in?next=/console/subscribers");
      if (xhr.status >= 300) return said.say(`The import failed: ${body.error?.message ?? xhr.status}`, true);
      said.say("Import finished.");
      replace(summary, reportOf(body));
    };
    xhr.onerror = () => said.say("The upload did not reach Herald.", true);
    xhr.send(chosen);
  });
  return form;
}

function reportOf(r: ImportReport): HTMLElement {
  const rejected = [
    ...(r.errors ?? []).map((e) => [String(e.line), e.message]),
    ...(r.rejected ?? []).map((e) => [String(e.line), e.reason ?? e.message ?? ""]),
  ];
  return h(
    "div",
    {},
    h(
      "dl",
      { class: "counts" },
      ...(
        [
          ["imported", r.imported],
          ["updated", r.updated],
          ["skipped", r.skipped],
          ["rejected", rejected.length],
        ] as const
      )
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => h("div", {}, h("dt", {}, k), h("dd", { "data-import": k }, fmtNumber(v)))),
    ),
    rejected.length ? table("Rejected rows", ["Line", "Reason"], rejected) : null,
  );
}
