import { docTestLab } from '../test/doc-test-lab.ts'

docTestLab('02-long-polling')
