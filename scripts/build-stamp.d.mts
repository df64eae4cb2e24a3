/** Types of build-stamp.mjs (plain JavaScript: the build scripts run before anything is compiled). */
export declare function buildStamp(root: string, inputs: string[], stampFile: string): { fresh: boolean; record(): void };
export declare function packageBuild(
  scriptUrl: string,
  inputs: string[],
): { root: string; buildState(): { fresh: boolean; record(): void }; upToDate(): boolean };
