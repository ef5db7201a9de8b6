import { docTestLab } from '../test/doc-test-lab.ts'

docTestLab('01-short-polling')
