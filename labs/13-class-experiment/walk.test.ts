import { walkLab } from '../../web/e2e/lab-walk.ts'

walkLab('13-class-experiment')
