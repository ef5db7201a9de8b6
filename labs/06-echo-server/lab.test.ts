import { docTestLab } from '../test/doc-test-lab.ts'

docTestLab('06-echo-server')
