import { docTestLab } from '../test/doc-test-lab.ts'

docTestLab('13-class-experiment')
