// A command line's model arguments written back out, so that a printed command (a replay, a matrix row) runs the
// same model.

import type { VerifyArgs } from './args.ts';

/** An argument as a shell would need it. */
export const quoteArg = (a: string): string => (/^[\w:,./=-]+$/.test(a) ? a : `'${a}'`);

/** The command line's model arguments, so that a printed `cutcheck verify` command runs the same model. */
export function modelFlags(args: VerifyArgs): string[] {
  const file = args.files[0];
  return [
    ...(file !== undefined ? [file] : []),
    ...(args.topology !== undefined ? ['--topology', args.topology] : file === undefined ? ['--topology', 'complete:3'] : []),
    ...(args.workload !== undefined || file === undefined ? ['--workload', args.workload ?? 'bank:1,1'] : []),
    ...(args.channels !== undefined ? ['--channels', args.channels] : []),
    ...Object.entries(args.channelOverrides ?? {}).flatMap(([k, d]) => ['--channel', `${k}=${d}`]),
    ...(args.initiators !== undefined ? ['--initiators', args.initiators.join(',')] : []),
    ...(args.lossy ? ['--lossy'] : []),
    ...(args.duplicating ? ['--duplicating'] : []),
    ...(args.faults !== undefined ? ['--faults', String(args.faults)] : []),
    ...(args.faultMessages !== undefined ? ['--fault-messages', args.faultMessages] : []),
    ...(args.snapshots !== undefined ? ['--snapshots', String(args.snapshots)] : []),
    ...(args.track !== undefined ? ['--track', String(args.track)] : []),
    ...(args.capacity !== undefined ? ['--capacity', String(args.capacity)] : []),
  ];
}
