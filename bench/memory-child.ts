/**
 * Child process of the memory bench: `memory-child.ts <model> <options JSON>`
 * runs the mixed workload once on that model and prints its MemoryPeak as
 * JSON on the last line.
 */
import { isModelName, loadModel } from '../src/shared/models.js';
import { measureMemory } from './memory.js';
import { mixedScript, type MixedOptions } from './mixed-workload.js';

async function main(): Promise<void> {
  const [name = '', optionsJson = '{}'] = process.argv.slice(2);
  if (!isModelName(name)) throw new Error(`unknown model "${name}"`);
  const model = await loadModel(name);
  const script = mixedScript(JSON.parse(optionsJson) as MixedOptions);
  process.stdout.write(`${JSON.stringify(measureMemory(model, script))}\n`);
}

await main();
