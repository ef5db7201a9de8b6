import { docTestLab } from '../test/doc-test-lab.ts'

docTestLab('11-security')
