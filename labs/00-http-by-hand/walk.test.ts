import { walkLab } from '../../web/e2e/lab-walk.ts'

walkLab('00-http-by-hand')
