import { docTestLab } from '../test/doc-test-lab.ts'

docTestLab('09-browser-api')
