import { walkLab } from '../../web/e2e/lab-walk.ts'

walkLab('02-long-polling')
