/** A label as the dodging sees it: the top of its box where it would like to be, and its height. */
export interface LabelBox {
  y: number;
  height: number;
}

/**
 * Moves labels apart vertically so that no two overlap: each keeps its place in the order of the
 * wished positions, touches at most the one above and below, and stays within [min, max]. A
 * crowd of labels is centred on their wishes, so that each moves as little as the others
 * (the classic end-label "dodge" of newsroom line charts). Where they cannot all fit, they
 * start at `min` and run past `max`.
 * @param labels the wished box of each label, in any order
 * @param min the least y of a label's top (the plot's top)
 * @param max the greatest y of a label's bottom (the plot's bottom)
 * @returns the top of each label, in the order given
 */
export function dodgeLabels(labels: readonly LabelBox[], min: number, max: number): number[] {
  const order = labels.map((_, i) => i).sort((a, b) => labels[a]!.y - labels[b]!.y || a - b);
  // Runs of touching labels: the top of the run and its members' offsets from it.
  const runs: Array<{ top: number; members: number[]; offsets: number[]; height: number }> = [];
  const place = (run: (typeof runs)[number]) => {
    const wished = run.members.reduce((sum, m, k) => sum + labels[m]!.y - run.offsets[k]!, 0) / run.members.length;
    run.top = Math.max(min, Math.min(wished, max - run.height));
  };
  for (const i of order) {
    const run = { top: 0, members: [i], offsets: [0], height: labels[i]!.height };
    place(run);
    runs.push(run);
    // Merge with the run above while they overlap; the merged run is centred again.
    while (runs.length > 1 && runs.at(-2)!.top + runs.at(-2)!.height > runs.at(-1)!.top) {
      const below = runs.pop()!;
      const above = runs.at(-1)!;
      above.offsets.push(...below.offsets.map((o) => o + above.height));
      above.members.push(...below.members);
      above.height += below.height;
      place(above);
    }
  }
  const tops = new Array<number>(labels.length);
  for (const run of runs)
    run.members.forEach((m, k) => {
      tops[m] = run.top + run.offsets[k]!;
    });
  return tops;
}
