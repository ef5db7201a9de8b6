import { walkLab } from '../../web/e2e/lab-walk.ts'

walkLab('05-frames')
