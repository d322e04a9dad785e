/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self time and
 * the most inclusive time, so a profile can be read without a browser.
 *
 *   npx tsx scripts/bench/profile-summary.ts <file.cpuprofile> [--top=25] [--filter=text]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function main(): void {
  const args = process.argv.slice(2);
  const file = args.find((arg) => !arg.startsWith('--'));
  if (file === undefined) throw new Error('usage: profile-summary <file.cpuprofile> [--top=25] [--filter=text]');
  const top = Number(args.find((arg) => arg.startsWith('--top='))?.slice(6) ?? 25);
  const filter = args.find((arg) => arg.startsWith('--filter='))?.slice(9);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, index) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const totalUs = profile.endTime - profile.startTime;

  const label = (node: ProfileNode): string => {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.replace(/^.*\/(node_modules|work\/main)\//, '$1/')}:${lineNumber + 1}` : '';
    return `${functionName || '(anonymous)'} ${where}`.trim();
  };
  const selfByLabel = new Map<string, number>();
  const inclusiveByLabel = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    selfByLabel.set(label(node), (selfByLabel.get(label(node)) ?? 0) + us);
    // Inclusive: every distinct frame label on the stack gets the sample once.
    const seen = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      const name = label(byId.get(current)!);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusiveByLabel.set(name, (inclusiveByLabel.get(name) ?? 0) + us);
    }
  }
  const print = (title: string, entries: Map<string, number>): void => {
    console.log(`\n${title} (of ${(totalUs / 1000).toFixed(0)} ms profiled)`);
    [...entries]
      .filter(([name]) => filter === undefined || name.includes(filter))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .forEach(([name, us]) =>
        console.log(
          `${(us / 1000).toFixed(1).padStart(9)} ms ${((us / totalUs) * 100).toFixed(1).padStart(5)} %  ${name}`,
        ),
      );
  };
  print('self time', selfByLabel);
  print('inclusive time', inclusiveByLabel);
}

main();
