// Validates every document of the given YAML files (default: ../*.yaml) against the Kubernetes API's JSON schema for
// its apiVersion and kind, bundled in kubernetes-models (no cluster, no network). Exits 1 naming each problem.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const files = process.argv.length > 2 ? process.argv.slice(2)
  : readdirSync(join(here, "..")).filter((f) => f.endsWith(".yaml")).sort().map((f) => join(here, "..", f));

let problems = 0;
let checked = 0;
for (const file of files) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length > 0) {
      console.error(`${file}: not YAML: ${doc.errors[0].message}`);
      problems++;
      continue;
    }
    const object = doc.toJS();
    if (object == null) continue;
    const { apiVersion, kind } = object;
    // apps/v1 -> kubernetes-models/apps/v1, v1 -> kubernetes-models/v1 (the core group)
    const group = apiVersion.includes("/") ? apiVersion.replace(/\.k8s\.io\//, ".k8s.io/") : apiVersion;
    let model;
    try {
      model = (await import(`kubernetes-models/${group}/${kind}`))[kind];
    } catch (e) {
      console.error(`${file}: no schema for ${apiVersion} ${kind}`);
      problems++;
      continue;
    }
    try {
      new model(object).validate();
      checked++;
      console.log(`ok ${file.replace(join(here, "..") + "/", "")}: ${apiVersion} ${kind} ${object.metadata?.name}`);
    } catch (e) {
      console.error(`${file}: ${apiVersion} ${kind} ${object.metadata?.name}: ${e.message}`);
      problems++;
    }
  }
}
console.log(`${checked} passed, ${problems} failed`);
process.exit(problems === 0 && checked > 0 ? 0 : 1);
