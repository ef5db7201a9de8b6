import { docTestLab } from '../test/doc-test-lab.ts'

docTestLab('12-load-and-network')
