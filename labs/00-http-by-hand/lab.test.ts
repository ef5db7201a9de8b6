import { docTestLab } from '../test/doc-test-lab.ts'

docTestLab('00-http-by-hand')
