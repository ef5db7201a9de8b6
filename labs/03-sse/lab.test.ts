import { docTestLab } from '../test/doc-test-lab.ts'

docTestLab('03-sse')
