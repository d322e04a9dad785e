/**
 * Read models that have processed positions the log does not hold were built from another copy of
 * the log (an older events.sqlite put back beside newer read models). Their documents describe
 * events that do not exist, and their checkpoints make the projections skip the new events that
 * will take those positions. Before the owner of the data directory serves reads or fires
 * deadlines, such projections are rebuilt from zero.
 */
import type { ProjectionHost } from '@ledger/read-store';

export interface ProjectionAhead {
  name: string;
  version: number;
  /** The projection's checkpoint, beyond the log's head. */
  position: number;
}

export interface ProjectionsAheadReport {
  headPosition: number;
  ahead: ProjectionAhead[];
}

export async function projectionsAheadOfLog(runner: ProjectionHost): Promise<ProjectionsAheadReport> {
  const statuses = await runner.status();
  const headPosition = statuses[0]?.headPosition ?? -1;
  return {
    headPosition,
    ahead: statuses
      .filter((status) => status.position > status.headPosition)
      .map(({ name, version, position }) => ({ name, version, position })),
  };
}

/**
 * Rebuilds every projection ahead of the log from zero; call it before the runner starts, so no
 * query reads them meanwhile. Returns what it found.
 */
export async function rebuildProjectionsAheadOfLog(
  runner: ProjectionHost,
  log: (line: string) => void,
): Promise<ProjectionsAheadReport> {
  const report = await projectionsAheadOfLog(runner);
  for (const projection of report.ahead) {
    log(
      `Projection ${projection.name} v${projection.version} is at position ${projection.position}, ahead of the log's head ${report.headPosition} (read models of another copy of the log): rebuilding it from zero before serving it`,
    );
    await runner.rebuildFromZero({ name: projection.name, version: projection.version });
  }
  return report;
}
