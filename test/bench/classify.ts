/**
 * Classifier benchmark: model load time, time per message over ~20k real messages (the shared
 * training export and the 2019 @BOS311 tweets), and model file size. Run: npm run bench:classify.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCsv } from '../../classifiers/csv';
import { DEFAULT_MODEL_PATH, loadClassifier } from '../../classifiers/index';
import { defaultTrainingDataPath } from '../../classifiers/paths';
import { seededRandom, shuffled } from '../../classifiers/random';

const MESSAGES = 20_000;

function texts(file: string): string[] {
  const [header, ...records] = parseCsv(fs.readFileSync(file, 'utf8'), file);
  const at = header.fields.indexOf('text');
  return records.map((r) => r.fields[at]).filter((t) => t !== undefined && t !== '');
}

const trainFile = defaultTrainingDataPath();
const tweetsFile = path.join(path.dirname(trainFile), 'tweets-bos311-2019.csv');
const tweets = fs.existsSync(tweetsFile) ? texts(tweetsFile) : [];
const reports = shuffled(texts(trainFile), seededRandom(1)).slice(0, MESSAGES - tweets.length);
const messages = [...tweets, ...reports];

const loadStart = process.hrtime.bigint();
const classifier = loadClassifier();
const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;

// Warm up the JIT and the stem cache the way a running service would be.
for (const text of messages.slice(0, 1000)) classifier.classify(text);
const start = process.hrtime.bigint();
let confident = 0;
for (const text of messages) if (classifier.isConfident(classifier.classify(text))) confident++;
const totalMs = Number(process.hrtime.bigint() - start) / 1e6;

console.log(`model: ${classifier.version} (${DEFAULT_MODEL_PATH})`);
console.log(`model file size: ${(fs.statSync(DEFAULT_MODEL_PATH).size / 1e6).toFixed(2)} MB`);
console.log(`model load: ${loadMs.toFixed(0)} ms`);
console.log(
  `classified ${messages.length} messages (${tweets.length} tweets) in ${totalMs.toFixed(0)} ms: ${(totalMs / messages.length).toFixed(4)} ms/message`,
);
console.log(`confident on ${((100 * confident) / messages.length).toFixed(1)}% of messages`);
console.log(`heap used: ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
