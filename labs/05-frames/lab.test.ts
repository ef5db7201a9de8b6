import { docTestLab } from '../test/doc-test-lab.ts'

docTestLab('05-frames')
