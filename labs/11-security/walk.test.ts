import { walkLab } from '../../web/e2e/lab-walk.ts'

walkLab('11-security')
