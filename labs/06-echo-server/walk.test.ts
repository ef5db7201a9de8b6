import { walkLab } from '../../web/e2e/lab-walk.ts'

walkLab('06-echo-server')
