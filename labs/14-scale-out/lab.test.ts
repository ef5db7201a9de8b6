import { docTestLab } from '../test/doc-test-lab.ts'

docTestLab('14-scale-out')
