import { docTestLab } from '../test/doc-test-lab.ts'

docTestLab('04-handshake')
