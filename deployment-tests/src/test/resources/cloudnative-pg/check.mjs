// Checks CloudNativePG documents with the validators of @kubernetes-models/cloudnative-pg (generated
// from CloudNativePG's own API types, fetched from npm at test time): node check.mjs <documents.json>
// prints one line per problem, "<Kind> <name>: <problem>", and nothing when all are valid.
import { readFileSync } from "node:fs";
import {
  Cluster,
  Database,
  ScheduledBackup,
} from "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1";
// The Barman Cloud plugin's ObjectStore keeps, as its spec.configuration, CloudNativePG's own
// BarmanObjectStoreConfiguration type (the former spec.backup.barmanObjectStore); the package does
// not export its validator, so it is imported by its file.
import { validate as objectStoreConfiguration } from "./node_modules/@kubernetes-models/cloudnative-pg/_schemas/ComGithubCloudnativePgBarmanCloudPkgApiBarmanObjectStoreConfiguration.js";

const MODELS = { Cluster, Database, ScheduledBackup };
const OBJECT_STORE_SPEC = new Set(["configuration", "retentionPolicy", "instanceSidecarConfiguration"]);

function objectStoreProblems(document) {
  const problems = [];
  const spec = document.spec ?? {};
  for (const key of Object.keys(spec)) {
    if (!OBJECT_STORE_SPEC.has(key)) problems.push(`spec.${key} is not a field of ObjectStore`);
  }
  if (!objectStoreConfiguration(spec.configuration ?? null)) {
    for (const error of objectStoreConfiguration.errors) {
      problems.push(`spec.configuration${error.instancePath} ${error.message}`);
    }
  }
  if (spec.retentionPolicy !== undefined && !/^[1-9][0-9]*[dwm]$/.test(spec.retentionPolicy)) {
    problems.push(`spec.retentionPolicy ${JSON.stringify(spec.retentionPolicy)} is not <n>d, <n>w or <n>m`);
  }
  return problems;
}

for (const document of JSON.parse(readFileSync(process.argv[2], "utf8"))) {
  const where = `${document.kind} ${document.metadata?.name}`;
  let problems;
  if (document.apiVersion === "barmancloud.cnpg.io/v1" && document.kind === "ObjectStore") {
    problems = objectStoreProblems(document);
  } else if (document.apiVersion === "postgresql.cnpg.io/v1" && MODELS[document.kind]) {
    try {
      new MODELS[document.kind](document).validate();
      problems = [];
    } catch (error) {
      problems = [error.message];
    }
  } else {
    problems = [`no schema known for ${document.apiVersion} ${document.kind}`];
  }
  for (const problem of problems) console.log(`${where}: ${problem}`);
}
