import { docTestLab } from '../test/doc-test-lab.ts'

docTestLab('08-heartbeat-reconnect')
