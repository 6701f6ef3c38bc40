// Validates Kubernetes manifests against the Kubernetes API schemas bundled in kubernetes-models
// (offline: no cluster, no download at run time). Usage: node validate.mjs FILE...
// It first checks that a deliberately broken manifest is refused, so that a validator that
// accepts everything cannot pass CI.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

async function validate(doc, where) {
  const { apiVersion, kind } = doc ?? {};
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    throw new Error(`${where}: no apiVersion or kind`);
  }
  const module = apiVersion.includes("/") ? apiVersion : `v1`;
  let models;
  try {
    models = await import(`kubernetes-models/${module}`);
  } catch (e) {
    throw new Error(`${where}: unknown apiVersion ${apiVersion}`);
  }
  const Model = models[kind];
  if (typeof Model !== "function") {
    throw new Error(`${where}: unknown kind ${kind} in ${apiVersion}`);
  }
  new Model(doc).validate();
}

const broken = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "broken" },
  spec: { replicas: "two", selector: { matchLabels: { app: "x" } }, template: { spec: { containers: [{ image: 1 }] } } },
};
let refused = false;
try {
  await validate(broken, "self-test");
} catch {
  refused = true;
}
if (!refused) {
  console.error("self-test: a broken Deployment passed validation; the validator checks nothing");
  process.exit(2);
}

let failures = 0;
let count = 0;
for (const file of process.argv.slice(2)) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  for (let i = 0; i < docs.length; i++) {
    const where = `${file} document ${i + 1}`;
    if (docs[i].errors.length > 0) {
      console.error(`${where}: ${docs[i].errors[0].message}`);
      failures++;
      continue;
    }
    const doc = docs[i].toJS();
    if (doc === null) {
      continue;
    }
    try {
      await validate(doc, where);
      count++;
    } catch (e) {
      console.error(`${where} (${doc.kind} ${doc.metadata?.name ?? "?"}): ${e.message}`);
      failures++;
    }
  }
}
if (failures > 0) {
  console.error(`${failures} invalid manifest(s)`);
  process.exit(1);
}
if (count === 0) {
  console.error("no manifest validated: give the manifest files as arguments");
  process.exit(1);
}
console.log(`${count} Kubernetes manifests valid`);
