import { walkLab } from '../../web/e2e/lab-walk.ts'

walkLab('12-load-and-network')
