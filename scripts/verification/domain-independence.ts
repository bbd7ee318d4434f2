/**
 * Checks that src/domain imports nothing from src/legacy (scripts/lib/domain-independence.ts says why).
 *
 *   npx tsx scripts/verification/domain-independence.ts   (exit 1 on a violation)
 */
import { findLegacyImports } from '../lib/domain-independence.js';

const findings = findLegacyImports();
for (const f of findings) process.stdout.write(`${f.filePath}:${f.lineNumber}: ${f.message}\n`);
process.stdout.write(findings.length === 0 ? 'src/domain imports nothing from src/legacy\n' : `${findings.length} violation(s)\n`);
process.exitCode = findings.length === 0 ? 0 : 1;
