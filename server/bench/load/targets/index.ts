import type { TargetName } from '../types.ts'
import { startMinimalSse } from './minimal-sse.ts'
import { startRawWs } from './raw-ws.ts'
import { startSocketIo } from './socketio.ts'
import type { StartedTarget, TargetOptions } from './target.ts'
import { startWirelab } from './wirelab.ts'

export const START_TARGET: Record<TargetName, (options: TargetOptions) => Promise<StartedTarget>> =
  {
    wirelab: startWirelab,
    'raw-ws': startRawWs,
    'minimal-sse': startMinimalSse,
    socketio: startSocketIo,
  }
