import { findToolBlocks } from './added-lines-marker.ts';
import { outlineLines } from './config-outline.ts';
import { splitLines } from './line-text.ts';

/**
 * The hosts on the Host line of each of the tool's blocks in a config's text, found as undo finds them:
 * a marker whose lines were edited since (its count no longer matches) is the user's. Throws the
 * outline's UserError on a line ssh cannot parse.
 */
export function hostsInToolBlocks(file: string, configText: string): string[] {
  const { lines } = splitLines(configText);
  const { outline } = outlineLines(file, lines);
  return findToolBlocks(lines, outline, false).flatMap((block) => block.hosts);
}
