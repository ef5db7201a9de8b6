import { docTestLab } from '../test/doc-test-lab.ts'

docTestLab('07-chat')
