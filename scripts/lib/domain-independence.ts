/**
 * Why: the flattened model is only a refactor target if it stands alone.
 * If src/domain imported anything from src/legacy, removing the legacy
 * layers would break it, and equivalence between the two would be partly
 * a comparison of the same code with itself.
 *
 *   npx tsx scripts/verification/domain-independence.ts   (exit 1 on a violation)
 */
import { Project } from 'ts-morph';
import { join, relative, resolve } from 'node:path';

export interface Finding {
  readonly filePath: string;
  readonly lineNumber: number;
  readonly message: string;
}

const ROOT = resolve(import.meta.dirname, '../..');

export function findLegacyImports(root = ROOT): Finding[] {
  const project = new Project({ skipAddingFilesFromTsConfig: true });
  project.addSourceFilesAtPaths(join(root, 'src/domain/**/*.ts'));
  const legacy = join(root, 'src/legacy');
  const findings: Finding[] = [];
  for (const file of project.getSourceFiles()) {
    const specifiers = [
      ...file.getImportDeclarations().map((d) => ({ node: d, text: d.getModuleSpecifierValue() })),
      ...file.getExportDeclarations().flatMap((d) => (d.getModuleSpecifierValue() ? [{ node: d, text: d.getModuleSpecifierValue() as string }] : [])),
    ];
    for (const { node, text } of specifiers) {
      const target = text.startsWith('.') ? resolve(file.getDirectoryPath(), text) : text;
      if (target.startsWith(legacy) || /(^|\/)src\/legacy(\/|$)/.test(text)) {
        findings.push({ filePath: relative(root, file.getFilePath()), lineNumber: node.getStartLineNumber(), message: `imports ${text}: src/domain must not depend on src/legacy` });
      }
    }
  }
  return findings;
}
