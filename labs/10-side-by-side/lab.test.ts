import { docTestLab } from '../test/doc-test-lab.ts'

docTestLab('10-side-by-side')
